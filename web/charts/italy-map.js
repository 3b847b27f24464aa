// The regions of Italy as an SVG for ECharts' map series: @svg-maps/italy
// (based on MapSVG's map, CC BY 4.0; credited on the page), bundled with
// the page, never fetched from another host.
import italy from '@svg-maps/italy';
import { regionsSvg } from './territory-charts.js';

export const ITALY_SVG = regionsSvg(italy);
