# a fake STS on loopback that knows one key pair; the other pair is refused; a repeated pair is
# asked about once
cat > keys.json <<'KEYS'
{"AKIA2OGYBAH6QK5V3ZXR": {"secret": "Xk3/9fJqL0pZrT7uWmN2bVcY8dHsEaG4iK1oQ6+R",
                          "arn": "arn:aws:iam::717712589309:user/deploy", "account": "717712589309"}}
KEYS
mkdir -p app
printf 'aws_access_key_id = AKIA2OGYBAH6QK5V3ZXR\naws_secret_access_key = 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\n' > app/live.cfg
cp app/live.cfg app/copy.cfg
printf 'aws_access_key_id = AKIAVZH4SBSY7LDE3MNQ\naws_secret_access_key = h7Gf2Kq9Lm3Np5Rs8Tv1Wx4Yz6Ab0Cd/Ef+GhIjK\n' > app/dead.cfg
python3 "$(dirname "$0")/../../../servers/fake-sts.py" --keys keys.json --port-file port --log sts.log --seconds 60 >/dev/null 2>&1 &
echo $! > server.pid
for i in $(seq 100); do [ -f port ] && break; sleep 0.1; done
echo "AWS_ENDPOINT_URL_STS=http://127.0.0.1:$(cat port)/" > case.env
