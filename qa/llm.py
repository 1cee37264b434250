"""The LLM backends: any OpenAI-compatible endpoint, or a local GGUF file run by llama-cpp-python.

The only module that imports llama-index LLM classes, openai or llama_cpp. Their exceptions become the
LLMError kinds of vectorstore.errors by type (exception_map(), walked along each exception's MRO, as httpx
maps transport exceptions); the message says what went wrong and how to fix it.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.llms import LLM, CustomLLM
from pydantic import PrivateAttr

from vectorstore.errors import (
    LLMAuthError,
    LLMBusyError,
    LLMError,
    LLMModelError,
    LLMPromptError,
    LLMServerError,
    LLMTimeoutError,
    LLMUnreachableError,
    SettingsError,
)
from vectorstore.settings import Settings

MAX_TOKENS = 320  # a short answer of a few cited sentences
Messages = Sequence[tuple[str, str]]  # (role, content): "system", "user" or "assistant"


class PromptRejected(Exception):
    """llama.cpp refused a prompt in-process (it raises ValueError, e.g. when the prompt exceeds n_ctx)."""


class GGUFChat(CustomLLM):
    """A local GGUF model through llama-cpp-python, using the chat template stored in the file."""

    model_path: str
    context_window: int = 4096
    max_tokens: int = MAX_TOKENS
    timeout: float = 60.0  # seconds for one answer
    _llama: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
        from llama_cpp import Llama

        self._llama = Llama(model_path=self.model_path, n_ctx=self.context_window, verbose=False)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=self.context_window, num_output=self.max_tokens,
                           is_chat_model=True, model_name=Path(self.model_path).name)

    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        response = ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=""))
        for response in self.stream_chat(messages):
            pass
        return response

    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        def gen() -> ChatResponseGen:
            text = ""
            deadline = time.monotonic() + self.timeout
            with self._lock:  # one llama.cpp context: one generation at a time
                try:
                    for chunk in self._llama.create_chat_completion(
                            messages=_plain(messages), max_tokens=self.max_tokens, temperature=0.0, stream=True):
                        # In-process there is no socket to time out: the deadline is checked between tokens
                        # (the prompt itself is read in one call that cannot be interrupted).
                        if time.monotonic() > deadline:
                            raise TimeoutError(f"generation timed out after {self.timeout:g} s")
                        delta = chunk["choices"][0]["delta"].get("content") or ""
                        text += delta
                        yield ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text),
                                           delta=delta)
                except ValueError as exc:  # llama.cpp's only refusal of a prompt (too long for n_ctx)
                    raise PromptRejected(str(exc)) from exc
        return gen()

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self.chat([ChatMessage(content=prompt)]).message.content or "")

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        for response in self.stream_chat([ChatMessage(content=prompt)]):
            yield CompletionResponse(text=response.message.content or "", delta=response.delta)


def _plain(messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": m.role.value, "content": m.content or ""} for m in messages]


class ChatModel:
    """citeqa's view of an LLM: send messages, get text (or text deltas); failures raise LLMError."""

    def __init__(self, llm: LLM, describe: str) -> None:
        self.llm = llm
        self.describe = describe  # "http://127.0.0.1:8080/v1 (smollm2)" — for messages

    def complete(self, messages: Messages) -> str:
        try:
            return self.llm.chat(_messages(messages)).message.content or ""
        except Exception as exc:  # every backend failure becomes one typed error
            raise self._error(exc) from exc

    def stream(self, messages: Messages) -> Iterator[str]:
        try:
            for response in self.llm.stream_chat(_messages(messages)):
                if response.delta:
                    yield response.delta
        except Exception as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception) -> LLMError:
        return llm_error(exc, self.describe)


@functools.cache
def exception_map() -> dict[type[BaseException], type[LLMError]]:
    """Backend exception type → LLMError kind; a subclass listed before its base wins (see llm_error)."""
    mapped: dict[type[BaseException], type[LLMError]] = {
        PromptRejected: LLMPromptError,
        TimeoutError: LLMTimeoutError,  # GGUFChat's deadline
        ConnectionError: LLMUnreachableError,
    }
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx comes with every OpenAI-compatible client
        httpx = None
    if httpx is not None:
        mapped.update({
            httpx.TimeoutException: LLMTimeoutError,
            httpx.TransportError: LLMUnreachableError,  # connect, read, write, protocol, proxy errors
            httpx.DecodingError: LLMServerError,  # a response body that does not decode
            httpx.RequestError: LLMUnreachableError,  # the rest of sending a request: redirect loops
            httpx.HTTPStatusError: LLMServerError,
            httpx.HTTPError: LLMServerError,
        })
    try:
        import openai
    except ImportError:
        return mapped
    mapped.update({
        openai.APITimeoutError: LLMTimeoutError,  # a subclass of APIConnectionError
        openai.APIConnectionError: LLMUnreachableError,
        openai.BadRequestError: LLMPromptError,  # 400: what servers answer to a prompt over the context
        openai.UnprocessableEntityError: LLMPromptError,
        openai.LengthFinishReasonError: LLMPromptError,
        openai.ContentFilterFinishReasonError: LLMPromptError,
        openai.AuthenticationError: LLMAuthError,
        openai.PermissionDeniedError: LLMAuthError,
        openai.OAuthError: LLMAuthError,
        openai.NotFoundError: LLMModelError,
        openai.RateLimitError: LLMBusyError,
        openai.ConflictError: LLMServerError,
        openai.InternalServerError: LLMServerError,
        openai.APIResponseValidationError: LLMServerError,
        openai.APIStatusError: LLMServerError,
        openai.APIError: LLMServerError,
        openai.OpenAIError: LLMServerError,
    })
    return mapped


def llm_error(exc: BaseException, describe: str) -> LLMError:
    """The typed error for a backend failure: the first class in the exception's MRO that is mapped."""
    mapped = exception_map()
    kind = next((mapped[cls] for cls in type(exc).__mro__ if cls in mapped), LLMError)
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    return kind(f"the LLM at {describe} {kind.what} ({detail}) — {kind.fix}")


def _messages(messages: Messages) -> list[ChatMessage]:
    return [ChatMessage(role=MessageRole(role), content=content) for role, content in messages]


def open_chat_model(settings: Settings) -> ChatModel:
    """The backend the settings point at: an OpenAI-compatible URL wins over a GGUF file."""
    if settings.llm_base_url:
        try:
            from llama_index.llms.openai_like import OpenAILike
        except ImportError:
            raise SettingsError("an LLM endpoint needs the llm extra — pip install 'citeqa[llm]'") from None
        llm = OpenAILike(
            model=settings.llm_model or "default",
            api_base=settings.llm_base_url,
            api_key=settings.llm_api_key or "not-needed",
            is_chat_model=True,
            context_window=settings.llm_context,
            max_tokens=MAX_TOKENS,
            temperature=0.0,
            timeout=settings.llm_timeout,
            max_retries=settings.llm_retries,
        )
        label = settings.llm_base_url + (f" ({settings.llm_model})" if settings.llm_model else "")
        return ChatModel(llm, label)
    path = Path(settings.llm_gguf).expanduser()
    if not path.is_file():
        raise SettingsError(f"no GGUF file at {path} — set CITEQA_LLM_GGUF to a .gguf model file")
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        raise SettingsError("a GGUF model needs the llm extra — pip install 'citeqa[llm]'") from None
    return ChatModel(GGUFChat(model_path=str(path), context_window=settings.llm_context,
                              timeout=settings.llm_timeout), path.name)
