/* page.c: the style every HTML page yourside writes shares: it fits a laptop's 1280 pixels and a
 * phone's 390, a table or figure too wide scrolls inside its own box (never the page), long names
 * and commands wrap, a table of class "cards" becomes a card per row on a phone, and a
 * severity's colour is the same on every page */
#include "map.h"

const char ys_page_style[] =
	"body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:2em auto;max-width:1400px;color:#111;"
	"line-height:1.45;padding:0 1em}h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em}"
	"h1,h2,h3,p,li{overflow-wrap:anywhere}.scroll,figure{max-width:100%;overflow-x:auto}figure{margin:1.5em 0}"
	"figcaption{font-weight:bold;margin-top:.4em}table{border-collapse:collapse;margin:.5em 0}"
	"td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eee}"
	"td{overflow-wrap:anywhere;min-width:5em}code,pre{overflow-wrap:anywhere}"
	"pre{white-space:pre-wrap;background:#f6f6f6;padding:.8em}.id{white-space:nowrap}"
	".sev{font-weight:bold;white-space:nowrap}.sev-critical{background:#b2182b;color:#fff}"
	".sev-high{background:#ef8a62}.sev-medium{background:#fddbc7}.sev-low,.sev-info{background:#f7f7f7}"
	"table.vendors,table.saas{width:100%}footer{margin-top:3em;font-size:.85em;color:#444}"
	"@media (max-width:600px){body{margin:1em auto;padding:0 .6em}td,th{padding:.2em .4em;font-size:.9em}"
	"table.cards,.cards tbody,.cards tr,.cards td{display:block}.cards thead,.cards tr:has(>th){display:none}"
	".cards tr{border:1px solid #bbb;margin:.7em 0}.cards td{border:0;border-top:1px solid #ddd;min-width:0}"
	".cards td:first-child{border-top:0}.cards td:empty{display:none}"
	".cards td[data-label]::before{content:attr(data-label) \": \";font-weight:bold}}"
	"@media print{tr,figure{break-inside:avoid}.scroll,figure{overflow:visible}}";
