"""worker.py: the shop's nightly jobs"""
import os

ANTHROPIC_KEY = "sk-ant-api03-gNdjCYpc1vYMJqVIvLQKt4CST4LBZWm6i6X89qyhxrrhbuaYuV8GEpAj08dNPu0DmtFQuOyDwYfFTRVBQaeIKJ8NFRXlCAA"
GITLAB = os.environ["GITLAB_TOKEN"]
AGE_IDENTITY = "AGE-SECRET-KEY-14ZZWFD8L7RAPN3QDXKETSNVPUZNR65U44PZYCJ6AQGUCNKGSSYJQXG4NLE"
aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"
BACKUP_REPO = "https://deploy:GHP4l.kY6FYQYVdfnS@nexus.acme-shop.net/repository/backups/"
DOCS_EXAMPLE = "https://user:password@example.com/"
