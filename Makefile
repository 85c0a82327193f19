# The two commands a user needs: `make run` and `make test`. Both install what is missing,
# configure and build incrementally.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CTEST_ARGS ?=
# Two tests at a time: CI's machine and ours have two cores, and most tests wait on a server
# process or a timer rather than compute (the suite: 180 s one at a time).
CTEST_JOBS ?= 2

.PHONY: all deps configure build run test package screenshots clean

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR)

run: build
	@./scripts/run.sh $(BUILD_DIR)

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest -j$(CTEST_JOBS) --output-on-failure $(CTEST_ARGS)

# Debian packages supportdesk and supportdesk-server in $(BUILD_DIR)/packages/ (docs/server.md).
package: configure
	cmake --build $(BUILD_DIR) --target supportdesk supportdesk-server packaging_changelog
	cd $(BUILD_DIR) && cpack -G DEB

# docs/screenshots/: the main screens in English and 中文 at 1440 × 900, under Xvfb.
screenshots: configure
	./scripts/screenshots.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
