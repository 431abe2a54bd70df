provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAVZH4SBSY7LDE3MNQ"
  secret_key = "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"
}
