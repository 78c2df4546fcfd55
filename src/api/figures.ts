/**
 * The `figures` namespace of `isgrad`: plotly figure builders and their `*Defaults`, method styles, run
 * summaries, and the HTML, JSON and static writers. Import the namespace and call through it: `import {
 * figures } from 'isgrad'`, then `figures.<name>`; types are at the top level (docs/guide.md, "Library").
 *
 * @module
 */

export { writeGalleryHtmlDefaults, writeGalleryHtml } from '../figures/gallery-html.js';
export { heatmapFigureDefaults, heatmapFigure } from '../figures/heatmap-figure.js';
export { imageFigureDefaults, imageFigure } from '../figures/image-figure.js';
export { lineBandFigureDefaults, lineBandFigure } from '../figures/line-band-figure.js';
export { figureStyles, methodStyle } from '../figures/method-style.js';
export { scatterFigureDefaults, scatterFigure, fitLine } from '../figures/scatter-figure.js';
export { BAND_KINDS, summarizeRunsDefaults, summarizeRuns } from '../figures/summarize-runs.js';
export { writeFigureHtmlDefaults, writeFigureHtml, writeFigureJson } from '../figures/write-figure-html.js';
export { PAPER_WIDTHS, saveFigureDefaults, saveFigure } from '../figures/save-figure.js';
export { writeTableHtml } from '../figures/write-table-html.js';
export { ablationFigureDefaults, ablationFigure, ablationCurvesFigure } from '../figures/ablation-figure.js';
export { ablationSliderFigure, ablationSliderFigureDefaults } from '../figures/ablation-slider-figure.js';
