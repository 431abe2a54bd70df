def get_token(session_token_provider):
    access_key_id_param = "AccessKeyId"
    return session_token_provider.fetch_credentials_for_user()
AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY")
