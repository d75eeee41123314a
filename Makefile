# The two commands of the README:
#   make run    install what is missing, build, start the program
#   make test   install what is missing, build, run every test (ctest)
# With CI set, `make test` runs the suite in the AddressSanitizer + UBSan tree (as `make test-sanitize`),
# runs the fuzzers, and also checks formatting, clang-tidy (make tidy) and the .deb package.
BUILD ?= build
SANITIZE_BUILD ?= build-asan
JOBS ?= 2
ARGS ?=
WERROR := $(if $(CI),ON,OFF)

.PHONY: all deps configure build configure-sanitize build-sanitize run test test-sanitize benchmark soak \
        format check-format tidy clean

all: build

deps:
	bash packaging/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTEGRATOR_WERROR=$(WERROR)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# The sanitizer tree: ASan + UBSan, no benchmarks (their numbers mean nothing there). Clang, because
# with GCC 12 libubsan is a runtime of its own that ignores log_path and writes to stderr, where the
# tests read an `integrator` child's output; clang's runtime writes both kinds of report to log_path.
# Warnings are the plain tree's job (clang warns about other things than GCC does).
configure-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DINTEGRATOR_SANITIZE=address,undefined -DINTEGRATOR_BUILD_BENCHMARKS=OFF

build-sanitize: configure-sanitize
	cmake --build $(SANITIZE_BUILD) -j$(JOBS)

run: build
	$(BUILD)/app/integrator $(ARGS)

# CI runs the suite once, in the sanitizer tree: a report from any test or `integrator` child fails the
# run. The plain tree is still built there (with -Werror), checked by clang-tidy and the package check,
# and runs the quick start. Running the suite in both trees would add about 10 minutes to CI.
TEST_TREE := $(if $(CI),$(SANITIZE_BUILD),$(BUILD))
test: build $(if $(CI),build-sanitize)
	bash tests/run-tests.sh $(BUILD) $(TEST_TREE)

# The tests under ASan + UBSan (the quick start still runs the plain build/).
test-sanitize: build build-sanitize
	bash tests/run-tests.sh $(BUILD) $(SANITIZE_BUILD)

benchmark: build
	bash tests/benchmarks/run-benchmarks.sh $(BUILD)

# 10 minutes of push load with endpoint faults and a PostgreSQL restart every minute (docs/benchmarks.md).
soak: build
	bash tests/benchmarks/run-soak.sh $(BUILD)

format: configure
	cmake --build $(BUILD) --target format

check-format: configure
	cmake --build $(BUILD) --target check-format

# clang-tidy (.clang-tidy) over the project's sources; needs the built tree (moc output).
tidy: build
	bash tools/run-clang-tidy.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD)

# libFuzzer targets (fuzz/): a tree of their own, built with clang and ASan + UBSan; each target runs
# FUZZ_SECONDS from a copy of its corpus in fuzz/corpus/. CI (`make test` with CI set) runs them too.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
.PHONY: fuzz fuzz-build
fuzz-build: deps
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DINTEGRATOR_FUZZ=ON
	nice cmake --build $(FUZZ_BUILD) -j$(JOBS)
fuzz: fuzz-build
	nice bash tools/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)
ifdef CI
test: fuzz
endif
