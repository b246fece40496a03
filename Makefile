# The two commands of the README, and a few more for developers.
#   make run     set up, build, create var/rapport.db with demo data, serve on :8080
#   make test    set up, build, run every test; ends with "N passed, N failed"
#   make bench   the benchmarks of bench/ (figures go in BENCHMARKS.md)
#   make fuzz    the libFuzzer targets of fuzz/, 5 minutes each (FUZZ_SECONDS);
#                inputs that reach new code are merged into fuzz/corpus/
#                (libFuzzer's -merge=1): commit them if they look useful
#   make format  clang-format every C++ file
.PHONY: all setup build run test bench fuzz format clean

all: build

setup:
	@scripts/setup

build: setup
	@scripts/build build

run: build
	@scripts/run

test: setup
	@scripts/test

bench: build
	@scripts/bench

FUZZ_SECONDS ?= 300
fuzz: setup
	@scripts/fuzz $(FUZZ_SECONDS) --merge

format:
	@git ls-files '*.h' '*.cpp' | xargs clang-format -i

clean:
	rm -rf build build-asan build-fuzz
