"""Letters of domain §7 (答复书 / 告知书): data, legal wording, Word and PDF writers in GB/T 9704 layout."""

from app.exports.letters.data import LetterData
from app.exports.letters.kinds import REPLY_VARIANTS, LetterKind
from app.exports.letters.render import RenderedLetter, TemplateProblem, render_letter

__all__ = ["LetterData", "LetterKind", "REPLY_VARIANTS", "RenderedLetter", "TemplateProblem",
           "render_letter"]
