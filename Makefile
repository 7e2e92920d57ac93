# SPDX-License-Identifier: Apache-2.0
# The two commands of the README: `make demo` and `make test`. Both install missing Debian
# packages first (scripts/install-deps.sh, idempotent), then build in Release.
BUILD_DIR ?= build
SAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
# Seconds each libFuzzer harness runs in `make test` (test-fuzz) and in `make fuzz`.
FUZZ_SECONDS ?= 10
FUZZ_LONG_SECONDS ?= 600
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: tidy all deps build demo test test-fast test-sanitize test-fuzz fuzz bench format format-check clean

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DURBANMINE_BUILD_BENCHMARKS=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	bash scripts/demo.sh $(BUILD_DIR)

# Each stage prints the time it ends (UTC), so a CI log shows where the minutes go.
test: build
	@echo "make test: Release build done at $$(date -u +%T)"
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	@echo "make test: Release suite done at $$(date -u +%T)"
	$(MAKE) test-sanitize
	@echo "make test: sanitizer build and suite done at $$(date -u +%T)"
	$(MAKE) test-fuzz
	@echo "make test: fuzzing done at $$(date -u +%T)"

test-fast: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) -LE slow

# Tests the sanitizer suite leaves to the Release suite: they repeat one code path many times to
# check something sanitizers do not (a SIGKILL at every step of a run, MPI ranks and thread counts
# giving identical files), and cost about two minutes under ASan.
SAN_SKIP ?= ^(RunCrash|ServerCrash)\.|^McMpi|^McCli\.OutputIsTheSameWithOneAndTwoThreads$$

# One address+undefined sanitizer build of the unit, property and API tests (the API tests start
# the sanitized server binary, so its request handling runs under the sanitizers too). -g1 keeps
# the line tables the sanitizers' stack traces need and little else (compile time).
test-sanitize: deps
	cmake -S . -B $(SAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DURBANMINE_SANITIZE=address,undefined \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" $(CMAKE_FLAGS)
	cmake --build $(SAN_DIR) -j $(JOBS)
	ctest --test-dir $(SAN_DIR) --output-on-failure -j $(JOBS) -L "unit|property|cli|api" -LE "slow|browser" \
	  -E "$(SAN_SKIP)"

# libFuzzer harnesses (tests/fuzz) under ASan+UBSan, built with clang in $(FUZZ_DIR): each runs
# FUZZ_SECONDS on its seed corpus (tests/fuzz/corpus/<name>); any finding fails the target.
test-fuzz: deps
	FUZZ_DIR=$(FUZZ_DIR) JOBS=$(JOBS) bash scripts/fuzz.sh $(FUZZ_SECONDS)

# The same, longer (FUZZ_LONG_SECONDS per harness).
fuzz: deps
	FUZZ_DIR=$(FUZZ_DIR) JOBS=$(JOBS) FUZZ_SEED=0 bash scripts/fuzz.sh $(FUZZ_LONG_SECONDS)

bench: build
	bash scripts/bench.sh $(BUILD_DIR)

# clang-tidy (.clang-tidy) on every source of src/, with the Release build's compile commands.
tidy: build
	find src -name '*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet --extra-arg=-Wno-unknown-warning-option

format:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format -i

format-check:
	find src tests bench -name '*.h' -o -name '*.cpp' | xargs clang-format --dry-run -Werror

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR) $(FUZZ_DIR)
