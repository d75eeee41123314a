# The two commands of the README:
#   make run    install what is missing, build, start the program
#   make test   install what is missing, build, run every test (ctest)
# With CI set, `make test` also checks formatting and clang-tidy (make tidy) and the .deb package.
BUILD ?= build
JOBS ?= 2
ARGS ?=
WERROR := $(if $(CI),ON,OFF)

.PHONY: all deps configure build run test benchmark format check-format tidy clean

all: build

deps:
	bash packaging/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTEGRATOR_WERROR=$(WERROR)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

run: build
	$(BUILD)/app/integrator $(ARGS)

test: build
	bash tests/run-tests.sh $(BUILD)

benchmark: build
	bash tests/benchmarks/run-benchmarks.sh $(BUILD)

format: configure
	cmake --build $(BUILD) --target format

check-format: configure
	cmake --build $(BUILD) --target check-format

# clang-tidy (.clang-tidy) over the project's sources; needs the built tree (moc output).
tidy: build
	bash tools/run-clang-tidy.sh $(BUILD)

clean:
	rm -rf $(BUILD)

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
