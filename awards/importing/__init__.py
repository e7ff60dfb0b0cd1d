"""Excel imports into the awards records: nomination lists into a submission, and the
history (ratings, awards, disciplinary measures) kept before thiduakt existed.

Both follow the people import (thiduakt.importing): every row is checked into an
ImportBatch, the user reviews it, and only a confirmation writes — once.
"""
