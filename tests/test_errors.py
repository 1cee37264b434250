"""The one error tree: exported from qa, documented, and backend exceptions mapped onto it by type."""

from __future__ import annotations

import inspect

import httpx
import openai
import pytest

import qa
from qa.llm import PromptRejected, exception_map, llm_error
from vectorstore import errors

KINDS = [errors.LLMUnreachableError, errors.LLMTimeoutError, errors.LLMPromptError, errors.LLMAuthError,
         errors.LLMModelError, errors.LLMBusyError, errors.LLMServerError]


def bare(cls: type[BaseException], message: str = "boom") -> BaseException:
    """An instance of a backend exception without its constructor's required request/response objects."""
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    return exc


def test_every_error_class_is_exported_from_qa_and_documented_in_the_tree() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.CiteQAError)]
    assert len(classes) >= 15
    for cls in classes:
        assert getattr(qa, cls.__name__) is cls and cls.__name__ in qa.__all__
        assert cls.__name__ in errors.__doc__, f"{cls.__name__} is missing from the tree in vectorstore/errors.py"
    assert issubclass(qa.UploadError, qa.LibraryError) and all(issubclass(k, qa.LLMError) for k in KINDS)


@pytest.mark.parametrize(("backend", "kind"), list(exception_map().items()),
                         ids=[c.__qualname__ for c in exception_map()])
def test_every_mapped_type_gives_its_kind_and_a_fix(backend: type[BaseException], kind: type) -> None:
    error = llm_error(bare(backend), "http://127.0.0.1:9/v1 (m)")
    assert type(error) is kind
    assert str(error) == f"the LLM at http://127.0.0.1:9/v1 (m) {kind.what} (boom) — {kind.fix}"


def test_every_kind_is_reachable_and_has_its_own_fix() -> None:
    assert set(exception_map().values()) == set(KINDS)
    assert len({k.fix for k in KINDS if k is not errors.LLMServerError}) == len(KINDS) - 1


def test_every_openai_and_httpx_exception_is_mapped() -> None:
    """Each HTTP status class of openai has its own decision; every other openai or httpx failure is mapped
    through a base, never left to the bare LLMError."""
    mapped = exception_map()
    classes = [c for m in (openai, httpx) for _, c in inspect.getmembers(m, inspect.isclass)]
    statuses = [c for c in classes if issubclass(c, openai.APIStatusError)]
    assert len(statuses) >= 8 and all(c in mapped for c in statuses), [c for c in statuses if c not in mapped]
    failures = [c for c in classes if issubclass(c, (openai.OpenAIError, httpx.HTTPError))]
    assert len(failures) > 25
    for cls in failures:
        assert any(base in mapped for base in cls.__mro__), f"{cls.__module__}.{cls.__name__} is not mapped"


def test_mapping_is_by_type_not_by_message() -> None:
    """A timeout mentioning "connect" and a 400 not mentioning "context" are classified by their type."""
    request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    timeout = openai.APITimeoutError(request=request)
    assert isinstance(llm_error(timeout, "x"), errors.LLMTimeoutError)
    response = httpx.Response(400, request=request)
    refused = openai.BadRequestError("Requested tokens exceed window", response=response, body=None)
    assert isinstance(llm_error(refused, "x"), errors.LLMPromptError)
    notfound = openai.NotFoundError("the context of this model was not found", response=httpx.Response(
        404, request=request), body=None)
    assert isinstance(llm_error(notfound, "x"), errors.LLMModelError)
    assert isinstance(llm_error(httpx.ConnectError("context refused", request=request), "x"),
                      errors.LLMUnreachableError)
    assert isinstance(llm_error(PromptRejected("exceeds n_ctx"), "x"), errors.LLMPromptError)
    assert type(llm_error(KeyError("surprise"), "x")) is errors.LLMError
