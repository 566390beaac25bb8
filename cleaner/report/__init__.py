"""Reporters: turn file results into text for people or data for tools.

Every reporter is a pure function of the run's results; the CLI picks one by
``--format`` and writes what it returns.
"""
