# the user's own rules beside a broken one and an unsupported one: the good one still runs
mkdir myrules
cat > myrules/good.yml <<'R'
title: Trail Stopped By Anyone
level: critical
tags: [attack.t1562.008]
logsource: {product: aws, service: cloudtrail}
detection:
    s:
        eventName|startswith: stop
    condition: s
R
printf 'title: broken\ndetection:\n    s:\n        eventName|nope: x\n    condition: s\n' > myrules/broken.yml
printf 'title: old\ndetection:\n    s:\n        eventName: x\n    condition: s | count() > 3\n' > myrules/old.yml
printf '{"eventName":"StopLogging","eventTime":"2024-01-01T00:00:00Z","eventID":"e1"}\n{"eventName":"GetObject"}\n' > trail.jsonl
