# The two commands of the README:
#   make run    install what is missing, build, start the program
#   make test   install what is missing, build, run every test (ctest)
BUILD ?= build
JOBS ?= 2
ARGS ?=
WERROR := $(if $(CI),ON,OFF)

.PHONY: all deps configure build run test benchmark format check-format clean

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

clean:
	rm -rf $(BUILD)
