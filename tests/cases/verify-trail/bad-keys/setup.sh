# a keys file that is not a ListPublicKeys answer, and one whose key is not base64 DER
python3 "$(dirname "$0")/../../../gen/trail-bucket.py" b --hours 1 --logs 1
echo '{"Keys": []}' > wrong.json
echo '{"PublicKeyList": [{"Fingerprint": "ab", "Value": "bm90IGEga2V5"}]}' > bad.json
echo "YS=$YS" > case.env
