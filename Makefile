# partmap: `make run` installs what is missing, builds, and runs the main job on Data/;
# `make test` runs the whole test suite. Both work on a fresh Debian machine (as root).
SHELL := /bin/bash
.DEFAULT_GOAL := run

SWIFT      ?= swift
VENV       := .venv
PYTHON     := $(VENV)/bin/python
STORE      ?= var/partmap.sqlite
APT_PACKAGES := libgeos-dev libproj-dev proj-data proj-bin sqlite3 libsqlite3-dev pkg-config gdal-bin zlib1g-dev curl \
                postgresql-15 postgresql-15-postgis-3 libjs-leaflet chromium gdb
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path)/partmap

.PHONY: deps system-deps venv build release install test run publish bench bench-deps clean

deps: system-deps venv

# Installs only the Debian packages that are missing.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed
$(VENV)/.installed: Tools/requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -r Tools/requirements.txt
	touch $@

build: system-deps
	$(SWIFT) build

release: system-deps
	$(SWIFT) build -c release --product partmap

# The binary and the reference data it reads, where it finds them from any folder: PREFIX/bin and
# PREFIX/share/partmap (the binary looks in <bin>/../share/partmap). DESTDIR is prepended, for
# packagers. BIN installs a binary already built instead of making a release build.
PREFIX    ?= /usr/local
DATA_FILES := m49-regions.csv m49-extra.csv countries-ne50.geojson cities15000.tsv README.md
install: $(if $(BIN),,release)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/partmap
	install -m 755 $(or $(BIN),$(RELEASE_BIN)) $(DESTDIR)$(PREFIX)/bin/partmap
	install -m 644 $(addprefix Data/,$(DATA_FILES)) $(DESTDIR)$(PREFIX)/share/partmap/
	@# Resource bundles sit beside the binary, where Foundation looks for them.
	@for bundle in $(dir $(or $(BIN),$(RELEASE_BIN)))*.resources; do \
	  if [ -d "$$bundle" ]; then cp -R "$$bundle" $(DESTDIR)$(PREFIX)/bin/; fi; \
	done

# The layer check (docs/ARCHITECTURE.md, "Modules") and the doc-comment check first. The tests call
# the venv's Python for independent references (pyproj, shapely), and run the PostGIS store against
# a throwaway cluster made here and dropped afterwards, whatever the result.
# A run that prints nothing for TEST_SILENCE seconds has hung: Tools/test_watch.sh prints the stacks
# of the test process and stops it, and the run fails at once rather than at CI's time limit.
TEST_SILENCE ?= 900
test: deps
	$(PYTHON) Tools/check_layers.py
	$(PYTHON) Tools/check_docs.py
	@url=$$(bash Tools/postgres.sh start) || exit 1; \
	export PARTMAP_PYTHON=$(abspath $(PYTHON)) PARTMAP_TEST_POSTGRES=$$url; \
	bash Tools/test_watch.sh $(TEST_SILENCE) $(SWIFT) test; status=$$?; \
	bash Tools/postgres.sh stop; exit $$status

# The main job: validate the curated projects, import them into the store, list the mapped
# ones in Africa from it, summarise the store by sub-region and level, publish the site, and
# serve the store (OGC API – Features, tiles and the live map) until Ctrl-C.
PORT ?= 8080
run: system-deps release
	$(RELEASE_BIN) validate Data/projects.geojson
	$(RELEASE_BIN) import Data/projects.geojson --store $(STORE)
	$(RELEASE_BIN) query --store $(STORE) --region Africa --format table
	$(RELEASE_BIN) summary --store $(STORE) --by subregion,level --format table
	$(RELEASE_BIN) publish --store $(STORE) --out dist
	@echo "the published site: file://$(abspath dist)/index.html"
	@echo "the live map: http://127.0.0.1:$(PORT)/map (Ctrl-C stops the service)"
	$(RELEASE_BIN) serve --store $(STORE) --port $(PORT)

# The published site of the store, in dist/.
publish: system-deps release
	$(RELEASE_BIN) publish --store $(STORE) --out dist

# The side-by-side benchmarks of the README (long; not part of `make test`), then the
# ordo-one suite. Inputs are generated into var/bench, never committed. Row 8 runs supercluster
# beside partmap when SUPERCLUSTER_DIR names a checkout of it (Tools/bench/cluster.sh).
bench: bench-deps
	bash Tools/bench/reproject.sh
	bash Tools/bench/assign.sh
	bash Tools/bench/validate.sh
	bash Tools/bench/import_sqlite.sh
	bash Tools/bench/import_postgis.sh
	bash Tools/bench/query.sh
	bash Tools/bench/export.sh
	bash Tools/bench/cluster.sh
	bash Tools/bench/dbscan.sh
	bash Tools/bench/summary.sh
	bash Tools/bench/publish.sh
	bash Tools/bench/serve.sh
	PARTMAP_BENCHMARKS=1 $(SWIFT) package --allow-writing-to-package-directory benchmark --target PartmapBenchmarks

# What only the benchmarks run: wrk, GDAL, SpatiaLite and Node from Debian; pygeoapi and gunicorn in a
# venv of their own (the test venv stays small), made with Debian's Python, whose sqlite3 can load
# SpatiaLite as pygeoapi's SQLite provider does.
BENCH_VENV := var/bench/venv
BENCH_APT  := gdal-bin bc wrk libsqlite3-mod-spatialite nodejs python3-venv
bench-deps: deps $(BENCH_VENV)/.installed
	@missing=""; for p in $(BENCH_APT); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
$(BENCH_VENV)/.installed: Tools/bench/requirements.txt
	/usr/bin/python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q -r Tools/bench/requirements.txt
	touch $@

clean:
	rm -rf .build $(VENV) var dist
