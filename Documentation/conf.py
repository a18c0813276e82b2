# SPDX-License-Identifier: GPL-2.0
#
# Sphinx's settings for these pages.  Nothing is published from them:
# `make docs-check` (scripts/docs-check.py) builds them with every warning
# an error, so that a page docutils cannot parse, or a :doc: link to no
# page, fails make check.  Sphinx reads only *.rst: the netlink spec
# (netlink/specs/) and the man page (nvswitchctl.8) are not pages.

project = 'nvswitch'

# Plain reStructuredText plus Sphinx's own toctree and :doc:.
extensions = []
