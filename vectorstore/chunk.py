"""Sentence-aware chunks of an article's content, each with its exact offsets in the file."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.schema import BaseNode, Document, NodeRelationship, TextNode, TransformComponent

from vectorstore.clean import content_blocks
from vectorstore.sentences import sentence_spans

# Metadata the embedding and BM25 never see (the title they do see).
HIDDEN_METADATA = ["source", "start", "end"]


def chunk_spans(text: str, chunk_chars: int) -> list[tuple[int, int]]:
    """Greedy runs of whole sentences up to chunk_chars, never across removed boilerplate."""
    chunks: list[tuple[int, int]] = []
    for block in content_blocks(text):
        sentences = [s for p in block for s in sentence_spans(text, p.start, p.end)]
        start = end = None
        for s_start, s_end in sentences:
            if start is not None and s_end - start > chunk_chars:
                chunks.append((start, end))
                start = None
            if start is None:
                start = s_start
            end = s_end
        if start is not None:
            chunks.append((start, end))
    return chunks


def chunk_id(doc_id: str, index: int) -> str:
    return f"{doc_id}:{index:05d}"


def neighbour_ids(chunk: str) -> list[str]:
    """The ids of the chunks just before and after one chunk of the same article."""
    doc_id, _, number = chunk.rpartition(":")
    index = int(number)
    return [chunk_id(doc_id, i) for i in (index - 1, index + 1) if i >= 0]


class ArticleChunker(TransformComponent):
    """Turns whole-article Documents into TextNodes carrying source, title, start and end."""

    chunk_chars: int = 500

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> list[BaseNode]:
        out: list[BaseNode] = []
        for doc in nodes:
            assert isinstance(doc, Document)
            text = doc.text
            for index, (start, end) in enumerate(chunk_spans(text, self.chunk_chars)):
                out.append(
                    TextNode(
                        id_=chunk_id(doc.doc_id, index),
                        text=text[start:end],
                        metadata={**doc.metadata, "start": start, "end": end},
                        excluded_embed_metadata_keys=HIDDEN_METADATA,
                        excluded_llm_metadata_keys=HIDDEN_METADATA,
                        relationships={NodeRelationship.SOURCE: doc.as_related_node_info()},
                    )
                )
        return out
