"""Extracted facts against the curated data: where sources disagree, what is new, and accepting it.

    conflicts.py  the same session given incompatible values by two sources
    pending.py    extracted facts the curated data lacks, with ids
    accept.py     writing accepted facts into seeds/, citing their article
"""
