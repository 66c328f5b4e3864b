"""Reading what an OKR says, in Chinese (simplified and traditional) and English.

The coach's rules ask questions of a text — is it an activity or an outcome,
an output, business as usual, vague; which numbers are numbers and which are
dates; which way is good, from what baseline to what target. Each answer comes
from word lists and patterns kept as data (``okrkit/textread/data/*.yaml``),
read once per string (:func:`read` is cached).

>>> r = read("每周组织2次销售培训")
>>> r.activity, r.target.target, r.target.cadence
('组织', 2.0, 'week')
"""

from okrkit.textread.language import detect_language, is_traditional, to_simplified
from okrkit.textread.quantities import Quantity, chinese_to_number, find_quantities
from okrkit.textread.reading import Reading, first_reading, normalise, read, read_text
from okrkit.textread.targets import TargetReading

__all__ = [
    "Quantity",
    "Reading",
    "TargetReading",
    "chinese_to_number",
    "detect_language",
    "find_quantities",
    "first_reading",
    "is_traditional",
    "normalise",
    "read",
    "read_text",
    "to_simplified",
]
