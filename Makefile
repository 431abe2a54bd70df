# Makefile: the two set-up commands (make demo, make test) over CMake, on Debian 12
DEBS = cmake gcc clang make pkg-config git libvectorscan-dev libpcre2-dev libgit2-dev \
       zlib1g-dev libdeflate-dev libyaml-dev libssl-dev libcurl4-openssl-dev libcmocka-dev libjansson-dev libsqlite3-dev libpq-dev python3
# only for the tests: the AWS CLI that scripts/snapshot-with-awscli.sh drives, and botocore's
# service models that tests/servers/fake-aws.py answers by, openssl to sign test trails,
# Chromium to render the map's page, libfaketime to run the suite at other dates, a
# PostgreSQL server that the tests start on loopback for the shared state, and tmux, the
# terminal in which the output's colours and the progress lines are watched
TEST_DEBS = awscli python3-botocore openssl chromium faketime python3-aiosmtpd postgresql tmux
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
JOBS = $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps test-deps build build-asan demo test unit cases test-asan fuzz fuzz-smoke bench clean

all: build

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

test-deps: deps
	@missing=""; for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages for the tests:$$missing"; \
		$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing || \
		{ $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; }; \
	fi

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build -j $(JOBS)

build-asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DYS_SANITIZE=ON >/dev/null
	cmake --build build-asan -j $(JOBS)

demo: build
	@examples/make-leaky-repo.sh build/demo/leaky-repo
	@echo "== yourside secrets build/demo/leaky-repo (a repository whose history leaked keys)"
	@./build/yourside secrets build/demo/leaky-repo; test $$? -le 1
	@rm -rf build/demo/trail && python3 examples/make-attack-trail.py build/demo/trail
	@echo "== yourside detect build/demo/trail (a trail in which Code Spaces happens again)"
	@./build/yourside detect build/demo/trail
	@echo "== yourside audit --compliance cis-3.0 examples/snapshot-insecure (a small company's account)"
	@./build/yourside audit --compliance cis-3.0 examples/snapshot-insecure; test $$? -le 1
	@echo "== yourside map examples/snapshot-insecure (where AWS's work ends and the company's begins)"
	@./build/yourside map --format html --output build/demo/line.html examples/snapshot-insecure; \
		./build/yourside map examples/snapshot-insecure | head -16; echo "(the page: build/demo/line.html)"
	@echo "== yourside vendors examples/snapshot-insecure (who outside the account can act in it)"
	@./build/yourside vendors --format html --output build/demo/vendors.html examples/snapshot-insecure; \
		./build/yourside vendors examples/snapshot-insecure | head -14; echo "(the page, with the questions to send: build/demo/vendors.html)"

unit: build
	cd build && ctest --output-on-failure

cases: build
	tests/run-cases.sh build/yourside

test-asan: build-asan test-deps
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure
	ASAN_OPTIONS=detect_leaks=1 tests/run-cases.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 ROUNDS=1 tests/check-state.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 ROUNDS=1 tests/check-postgres.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-collect.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-collect-org.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-watch.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-threads.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-workers.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-notify.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-sqs.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-service.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 ORACLE=0 tests/check-iam.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-gitleaks-config.sh build-asan/yourside
	ASAN_OPTIONS=detect_leaks=1 tests/check-verify.sh build-asan/yourside

fuzz-smoke: fuzz
	tests/fuzz-smoke.sh

test: test-deps unit cases test-asan fuzz-smoke
	tests/check-corpus.sh build/yourside
	tests/check-sarif.sh build/yourside
	tests/check-gitleaks-config.sh build/yourside
	tests/check-docs.sh build/yourside
	tests/check-demo.sh
	tests/check-color.sh build/yourside
	tests/check-state.sh build/yourside
	tests/check-postgres.sh build/yourside
	python3 tests/check-stratus.py build/yourside ../shared/data
	python3 tests/check-athena.py build/yourside ../shared/data
	tests/check-awscli.sh build/yourside
	tests/check-collect.sh build/yourside
	tests/check-collect-org.sh build/yourside
	tests/check-watch.sh build/yourside
	tests/check-threads.sh build/yourside
	tests/check-workers.sh build/yourside
	tests/check-notify.sh build/yourside
	tests/check-sqs.sh build/yourside
	tests/check-service.sh build/yourside
	tests/check-iam.sh build/yourside
	tests/check-verify-trail.sh build/yourside
	tests/check-verify.sh build/yourside
	tests/check-pages.sh build/yourside
	tests/check-tty.sh build/yourside
	tests/check-clock.sh build/yourside

fuzz: deps
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DYS_FUZZ=ON >/dev/null
	cmake --build build-fuzz -j $(JOBS)

bench: build
	@for p in git-secrets time python3 jq ripgrep postgresql; do dpkg -s $$p >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq $$p; done
	bench/run.sh
	bench/secrets-peers.sh
	bench/detect.sh
	bench/audit.sh
	bench/vendors.sh
	bench/iam.sh
	bench/verify-trail.sh
	bench/state-postgres.sh
	bench/collect-org.sh

clean:
	rm -rf build build-asan build-fuzz
