"""Where an imported value came from: a span of lines of the source document."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["SourceSpan"]


class SourceSpan(BaseModel):
    """Lines ``first``..``last`` (1-based, inclusive) of the imported source text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first: int = Field(ge=1)
    last: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> SourceSpan:
        if self.last < self.first:
            raise ValueError(f"a span ends before it starts: {self.first}..{self.last}")
        return self

    @classmethod
    def line(cls, number: int) -> SourceSpan:
        return cls(first=number, last=number)

    def join(self, other: SourceSpan | None) -> SourceSpan:
        if other is None:
            return self
        return SourceSpan(first=min(self.first, other.first), last=max(self.last, other.last))

    def __str__(self) -> str:
        return f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"
