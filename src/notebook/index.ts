/**
 * isgrad/notebook: display helpers for the tslab kernel (JupyterLab, classic Notebook, VS Code, nbconvert) and
 * the danfo bridge. Import by package name in a notebook:
 *
 * @example
 * import { show, showFigures, table, image, saveFigure, loadPlotly, toDanfo, fromDanfo } from 'isgrad/notebook';
 */
export {
  display,
  setDisplaySink,
  type DisplayMessage,
  type DisplaySink,
  type MimeBundle,
} from './display.js';
export {
  show,
  showDefaults,
  figureBundle,
  loadPlotly,
  plotlyLoaderBundle,
  resetPlotlyLoaded,
  PLOTLY_MIME,
  type PlotlyFigureLike,
  type ShowOptions,
} from './show.js';
export { table, tableBundle, tableDefaults, type TableLike, type TableOptions } from './table.js';
export {
  image,
  imageBundle,
  imageDefaults,
  type ImageLike,
  type ImageOptions,
  type TensorImageLike,
} from './image.js';
export {
  toDanfo,
  fromDanfo,
  type DanfoFrameLike,
  type DanfoModuleLike,
  type ToDanfoOptions,
} from './danfo.js';
export { scriptJson } from './script-json.js';
export {
  showFigures,
  showFiguresDefaults,
  readGalleryFigure,
  type ShowFiguresOptions,
} from './show-figures.js';
export type { ColumnTable } from 'arquero';
export {
  executeNotebook,
  executeNotebookDefaults,
  firstFailure,
  formatFailure,
  type CellFailure,
  type ExecuteNotebookOptions,
  type NotebookJson,
  type NotebookRun,
} from './execute-notebook.js';
export { installTableInspect } from './table-inspect.js';
export {
  PAPER_WIDTHS,
  saveFigure,
  saveFigureDefaults,
  type FigureFormat,
  type FigureWidth,
  type SaveFigureOptions,
} from '../figures/save-figure.js';

import { installTableInspect } from './table-inspect.js';
// A table as a cell's last expression prints as a table, not as arquero's internals.
installTableInspect();
