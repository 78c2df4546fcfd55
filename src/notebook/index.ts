/**
 * isgrad/notebook: what a notebook author calls in the tslab kernel (JupyterLab, classic Notebook, VS Code,
 * nbconvert): `show` a figure, `table` a table, `image` an image, `showFigures` of a `reproduce` report,
 * `saveFigure` to a file, `display` a raw bundle, `loadPlotly` once per notebook, and the danfo bridge
 * `toDanfo`/`fromDanfo`. The display plumbing (display sinks, bundles, the `*Defaults` of these helpers, the
 * headless executor `executeNotebook`) is in `isgrad/internals`. Import by package name in a notebook:
 *
 * @example
 * import { show, showFigures, table, image, saveFigure, loadPlotly, toDanfo, fromDanfo } from 'isgrad/notebook';
 */
export { display, type DisplayMessage, type MimeBundle } from './display.js';
export { show, loadPlotly, type PlotlyFigureLike, type ShowOptions } from './show.js';
export { table, type TableLike, type TableOptions } from './table.js';
export { image, type ImageLike, type ImageOptions, type TensorImageLike } from './image.js';
export {
  toDanfo,
  fromDanfo,
  type DanfoFrameLike,
  type DanfoModuleLike,
  type ToDanfoOptions,
} from './danfo.js';
export { showFigures, type ShowFiguresOptions } from './show-figures.js';
export type { ColumnTable } from 'arquero';
export {
  saveFigure,
  type FigureFormat,
  type FigureWidth,
  type SaveFigureOptions,
} from '../figures/save-figure.js';

import { installTableInspect } from './table-inspect.js';
// A table as a cell's last expression prints as a table, not as arquero's internals.
installTableInspect();
