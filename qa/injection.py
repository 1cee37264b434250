"""Recognise article text that addresses the assistant ("Ignore previous instructions and …").

Such a sentence is data planted for a model, never evidence: neither answerer may quote or cite it.
The patterns are about how text talks to a model (imperatives aimed at "you", the assistant's role, its
instructions), never about any article's subject. Only `re` is imported: cheap to use anywhere.
"""

from __future__ import annotations

import re

# the assistant named as such ("AI", "AI assistant", "language model", "chatbot"); not "model" or "bot" alone
_ROLE = (r"(?:(?:ai|a\.i\.|artificial intelligence)(?:\s+(?:assistant|(?:language\s+)?model|system|chat\s?bot))?"
         r"|assistant|chat\s?bot|(?:large\s+)?language\s+model|llm)s?")
_ANSWER_VERB = (r"(?:answer|respond|reply|say|state|output|print|write|mention|cite|repeat|claim|disclose|"
                r"reveal|summari[sz]e|translate|pretend|ignore|obey|follow)")
_PATTERNS = [
    # "ignore all previous instructions", "disregard the above", "forget your rules"
    (r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}?\b(?:instructions?|prompts?|system message"
    r"|the above|(?:previous|prior|above|earlier|preceding|your)\s+(?:\w+\s+)?"
    r"(?:rules|guidelines|directions|context|text|messages?)|everything (?:above|before|else))\b"),
    r"\b(?:new|updated|real|hidden|secret)\s+instructions?\s*:",
    r"\b(?:system|developer)\s+(?:prompt|message|notice|instruction)s?\b",
    # "As an AI, …", "As an AI language model I …" (not "As an AI researcher, she …")
    rf"\bas\s+(?:an?\s+)?{_ROLE}\s*(?:,|:|\byou\b|\bi\b)",
    rf"\byou\s+are\s+(?:an?\s+)?{_ROLE}\b",
    r"\byou\s+are\s+now\s+(?:acting|operating|free|unrestricted|in\s+\w+\s+mode|an?\s+)",
    # an address: "AI assistant: …", "Dear AI, …", "Attention language models", "any AI reading this"
    rf"^\W*{_ROLE}\s*:",
    rf"\b(?:dear|attention|note to|message to|instructions? (?:to|for))[\s,:]+(?:the\s+|any\s+|all\s+)?{_ROLE}\b",
    rf"\b(?:any|every|all|each)\s+{_ROLE}\s+(?:reading|processing|summari[sz]ing|answering|that reads|who reads)\b",
    rf"\bif\s+you\s+are\s+(?:an?\s+)?{_ROLE}\b",
    # "you must answer …", "you should always reply …", "you are instructed to say …"
    (rf"\byou\s+(?:must|should|shall|will|need to|have to|are (?:required|instructed|told|asked) to)\s+"
    rf"(?:(?:always|only|never|now|not|instead|also|simply|just)\s+)*{_ANSWER_VERB}\b"),
    # "do not tell the user …", "when asked about X, say …", "reply only with the word …"
    r"\b(?:do\s+not|don't|never)\s+(?:tell|inform|show|reveal|mention|cite)\b[^.!?\n]{0,40}\b(?:the\s+)?users?\b",
    (r"\bwhen\s+(?:you\s+are\s+)?asked\b[^.!?\n]{0,80},\s*(?:always\s+|just\s+|simply\s+)?"
    r"(?:say|answer|respond|reply|claim)\b"),
    r"\b(?:respond|reply|answer)\s+(?:only\s+)?(?:with|using)\s+(?:only\s+)?(?:the\s+)?(?:word|phrase|text|string)\b",
]
_ADDRESS = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)


def addresses_assistant(sentence: str) -> bool:
    """Whether a sentence talks to the assistant (instructions, its role) rather than reporting news."""
    return bool(_ADDRESS.search(sentence))
