# mamori — build, test and demo.  `make demo` and `make test` install what they need first.
#   make            build build/mamori
#   make demo       build, create demo.db (demo municipality) if absent, serve on 127.0.0.1:8080
#   make test       build and run the whole suite; last line "N passed, M failed"
#   make check      the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make fuzz       build the libFuzzer harnesses (clang) into build-fuzz/
#   make bench      run the benchmarks in bench/

BUILD   ?= build
CC      ?= cc
PKGS    := sqlite3 libmicrohttpd jansson libsodium xlsxwriter liboath libqrencode pangocairo \
           libcurl
SAN     ?=
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

CFLAGS_WARN := -std=c17 -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS_BASE  = $(CFLAGS_WARN) -D_GNU_SOURCE -Isrc -I$(BUILD)/gen \
               -DMAMORI_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS))
ifeq ($(SAN),1)
  OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
  OPT := -O2 -g
endif
CFLAGS  ?=
LDLIBS_BASE = $(shell pkg-config --libs $(PKGS)) -lm -lpthread

SRC      := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
EMBED    := $(sort $(wildcard data/*/*.sql data/*/*.tsv data/catalog/*/*.tsv web/static/*))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps demo test check fuzz bench clean unit-tests print-pkgs
all: $(BUILD)/mamori

deps:
	@tools/deps.sh

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O1 -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/embed $(EMBED)
	@mkdir -p $(@D)
	$(BUILD)/embed $@ $(EMBED)

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*/*.h) | $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) $(CFLAGS) -MMD -c -o $@ $<

$(BUILD)/libmamori.a: $(OBJ) $(BUILD)/obj/gen/embedded.o
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/mamori: $(BUILD)/obj/main.o $(BUILD)/libmamori.a
	$(CC) $(OPT) $(CFLAGS) -o $@ $^ $(LDLIBS_BASE)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmamori.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) $(CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< \
	    $(BUILD)/libmamori.a $(LDLIBS_BASE) $(shell pkg-config --libs cmocka)

unit-tests: $(UNIT_BIN)

demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/mamori
	@tools/demo.sh $(BUILD)/mamori

test: deps
	@$(MAKE) --no-print-directory $(BUILD)/mamori unit-tests
	@tests/run.sh $(BUILD)

# the pkg-config packages the library links with (bench/log.sh builds against libmamori.a)
print-pkgs:
	@echo $(PKGS)

check: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=1 build-asan/mamori unit-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp tests/run.sh build-asan

fuzz: deps
	@tools/build-fuzz.sh

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/mamori
	@bench/run.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)
