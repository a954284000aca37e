"""Exact linear algebra over the rationals (``fractions.Fraction``), for the checks that ask which values a set of
published sums pins down: no floating point, so "determined" never depends on a rounding error."""

from __future__ import annotations

from fractions import Fraction


def row_reduce(matrix: list[list[Fraction]], columns: int) -> list[int]:
    """Bring ``matrix`` to reduced row echelon form in place (Gauss-Jordan) over its first ``columns`` columns;
    a further column (a right-hand side) is carried along. Returns the pivot columns, the i-th of row i."""
    pivots: list[int] = []
    row = 0
    for column in range(columns):
        if row == len(matrix):
            break
        pivot = next((r for r in range(row, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[row], matrix[pivot] = matrix[pivot], matrix[row]
        lead = matrix[row][column]
        matrix[row] = [value / lead for value in matrix[row]]
        for other in range(len(matrix)):
            if other != row and matrix[other][column] != 0:
                factor = matrix[other][column]
                matrix[other] = [a - factor * b for a, b in zip(matrix[other], matrix[row], strict=True)]
        pivots.append(column)
        row += 1
    return pivots
