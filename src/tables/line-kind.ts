/**
 * What a line's separation means to a table reader, named once so the readers ask questions rather
 * than compare separations:
 * - tab text: each run is a cell, its x its column index (positions exact);
 * - space text: runs are words, empty cells vanished (positions mean nothing; columns by arithmetic);
 * - positioned (PDF, OCR): runs carry page coordinates; a band of a ruled table (`grid`) holds whole
 *   cells, otherwise a wrapped name leaves pieces above and below its row.
 */
import type { Line, Run } from '../ir/types.js';
import type { Placement } from './raw.js';

/** Do the runs' positions say which column they are in? */
export function hasPositions(line: Line): boolean {
  return line.separation !== 'space';
}

/** Positioned text not read from a drawn grid: a text-only line may be a piece of a wrapped name. */
export function mayHoldPieces(line: Line): boolean {
  return line.separation === 'geometry' && !line.grid;
}

/** How a cell placed by the line's own positions was placed. */
export function placementOf(line: Line): Placement {
  return line.separation === 'geometry' ? 'geometry' : 'explicit';
}

/** The extent a run stands for: its drawn cell when it came from a ruled grid. */
export function extentOf(r: Run): { x0: number; x1: number } {
  return { x0: r.cell?.x0 ?? r.x0, x1: r.cell?.x1 ?? r.x1 };
}
