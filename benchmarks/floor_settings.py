"""Settings for benchmarks/scale.py's server: the site's own, plus the one-query floor view."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.floor_urls"
