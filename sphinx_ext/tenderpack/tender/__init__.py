"""A tender: its file read and validated into a ``Tender``, checked, and made into a pack.

The flow inside runs one way: ``loading`` reads a file with the model ``versions`` builds for its
system, ``rules`` checks what spans several fields, and ``pack`` derives what every output shows.
"""
