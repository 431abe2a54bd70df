#!/bin/sh
export AWS_ACCESS_KEY_ID=AKIA2OGYBAH6QK5V3ZXR
export AWS_SECRET_ACCESS_KEY=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
aws s3 sync ./site s3://bucket
