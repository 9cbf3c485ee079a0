"""The quality gate's detectors, one concern each; `articles.pipeline.quality` runs them.

Each detector is built on a principle (who the text is addressed to, what a code page does to
UTF-8 bytes, where a field of its kind ends), not on a list of the examples it was tuned on.
They share the vocabulary in base.py and the word lists in words.py; none imports another.
"""
