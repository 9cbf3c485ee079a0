"""Production settings, unchanged but for what the benchmark varies (from its environment).

BENCH_REPLIES_PER_PAGE: the 200-replies-on-one-page variant. BENCH_STATIC_ROOT: collected
static files in the run's scratch folder, so a run never writes into the checkout.
"""

from clinicalcontext.settings.base import env
from clinicalcontext.settings.production import *  # noqa: F403

if env("BENCH_REPLIES_PER_PAGE"):
    FORUM_REPLIES_PER_PAGE = int(env("BENCH_REPLIES_PER_PAGE"))
if env("BENCH_STATIC_ROOT"):
    STATIC_ROOT = env("BENCH_STATIC_ROOT")
