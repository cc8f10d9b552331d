"""``python -m brief``: the same as the ``brief`` command."""

from brief.entry import main

main()
