"""Imported once by the forkserver that the process pools fork from (`flows.process_pool`): the page processor is
imported and warmed there (`extractors.page.warm_up`), so every pool worker and the writer start with its modules and
its lazily built tables (gazetteer, classifier vocabulary) shared copy-on-write, instead of each building them in its
first batch. They are then frozen out of the garbage collector (about 69,000 objects), as Python advises before
forking: a collection in a forked process neither walks them nor writes to their pages, which stay shared."""

import gc

from extractors.page import warm_up

warm_up()
gc.freeze()
