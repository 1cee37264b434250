"""Every error citeqa raises on purpose, in one tree; each message says what went wrong and the fix.

    CiteQAError                 base: the CLI prints it and exits 2, the UI shows it, the API raises it
    ├── SettingsError           an environment variable or flag has a value citeqa cannot use
    ├── CorpusError             the corpus folder is missing or unusable
    ├── StoreError              the index under the data directory is missing, unreadable or inconsistent
    ├── QuestionError           the question cannot be asked as given (empty, too long)
    ├── QuestionFileError       an evaluation question file is missing or off its schema
    ├── LibraryError            an article cannot be added, removed or shown as asked
    │   └── UploadError         an uploaded file cannot become an article (type, size, encoding, name)
    └── LLMError                the LLM could not be used for this answer (the extractive answer is shown)
        ├── LLMUnreachableError   nothing answers at the endpoint
        ├── LLMTimeoutError       no answer within CITEQA_LLM_TIMEOUT
        ├── LLMPromptError        the prompt was refused (most often: longer than the model's context)
        ├── LLMAuthError          the endpoint refused the API key
        ├── LLMModelError         the endpoint has no such model
        ├── LLMBusyError          the endpoint is rate-limiting
        └── LLMServerError        the endpoint failed or answered with something unreadable

It lives in vectorstore (the bottom layer) so that both packages raise from one tree; `qa` exports it.
Backend exceptions are mapped onto the LLMError kinds by type in qa.llm (never by their message).
"""

from __future__ import annotations


class CiteQAError(Exception):
    """Base of every error citeqa raises on purpose; the CLI prints it and exits 2."""


class SettingsError(CiteQAError):
    """A setting (environment variable or flag) has a value citeqa cannot use."""


class QuestionError(CiteQAError):
    """The question cannot be asked as given (empty, too long)."""


class QuestionFileError(CiteQAError):
    """An evaluation question file is missing or a line does not follow the schema."""


class CorpusError(CiteQAError):
    """The corpus folder is missing or unusable."""


class StoreError(CiteQAError):
    """The index under the data directory is missing, unreadable or inconsistent."""


class LibraryError(CiteQAError):
    """An article cannot be added, removed or shown as asked."""


class UploadError(LibraryError):
    """An uploaded file cannot become an article (type, size, encoding or name)."""


class LLMError(CiteQAError):
    """The LLM could not be used for this answer; `what` and `fix` word the message of each kind."""

    what = "failed"
    fix = "check the LLM server's log, or use --mode extractive"


class LLMUnreachableError(LLMError):
    what = "is unreachable"
    fix = "start the server or fix CITEQA_LLM_BASE_URL"


class LLMTimeoutError(LLMError):
    what = "timed out"
    fix = "raise CITEQA_LLM_TIMEOUT or use a faster model"


class LLMPromptError(LLMError):
    what = "refused the prompt"
    fix = ("if the prompt does not fit the model's context, lower CITEQA_TOP_K or set CITEQA_LLM_CONTEXT to "
           "the model's real window")


class LLMAuthError(LLMError):
    what = "refused the API key"
    fix = "set CITEQA_LLM_API_KEY to a key that endpoint accepts"


class LLMModelError(LLMError):
    what = "has no such model"
    fix = "set CITEQA_LLM_MODEL to a model the endpoint serves"


class LLMBusyError(LLMError):
    what = "is rate-limiting requests"
    fix = "wait and ask again, or raise CITEQA_LLM_RETRIES"


class LLMServerError(LLMError):
    what = "failed"
    fix = "check the LLM server's log, or use --mode extractive"
