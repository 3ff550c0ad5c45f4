#include "report/dashboard_style.hpp"

namespace odometer {
namespace {

constexpr std::string_view k_css =
    R"css(:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--card:#f6f8fa;--border:#d1d9e0;--accent:#0969da;--accent2:#bf3989;--accent3:#1a7f37;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#151b23;--border:#3d444d;--accent:#4493f8;--accent2:#db61a2;--accent3:#3fb950;--link:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}
a{color:var(--link)}
h1{font-size:1.6rem;margin:.2em 0}
h2{font-size:1.2rem;margin:1.6em 0 .6em;border-bottom:1px solid var(--border);padding-bottom:.2em}
.meta,.note,footer{color:var(--muted)}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin:0;padding:0;list-style:none}
.figures li,figure{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:12px;margin:0}
.figures .label{font-weight:600}
.figures .value{display:block;font-size:1.8rem;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.figures .name{color:var(--muted);font-size:.8rem;font-family:ui-monospace,monospace;overflow-wrap:anywhere}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:16px}
figcaption{font-weight:600;margin-bottom:4px}
.key{font-weight:400;color:var(--muted);font-size:.85rem;margin-left:.6em;white-space:nowrap}
.swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px;background:var(--accent)}
.swatch.avg{background:var(--accent2)}
.swatch.beside{background:var(--accent3)}
svg.chart{display:block;width:100%;height:auto}
.chart text{fill:var(--muted);font-size:12px}
@media (max-width:560px){.chart text{font-size:16px}}
.chart .grid{stroke:var(--border);stroke-width:1}
.chart .line{fill:none;stroke:var(--accent);stroke-width:2;stroke-linejoin:round}
.chart .dot{fill:var(--accent)}
.chart .area{fill:var(--accent);fill-opacity:.15}
.chart .avg{fill:none;stroke:var(--accent2);stroke-width:2;stroke-dasharray:5 3}
.chart .tick{stroke:var(--muted);stroke-width:1}
.chart .beside{fill:none;stroke:var(--accent3);stroke-width:2;stroke-dasharray:2 2}
.chart .mark line{stroke:var(--fg);stroke-width:1;stroke-dasharray:3 3}
.chart .mark circle{fill:var(--fg)}
.chart .mark text{fill:var(--bg);font-size:11px;font-weight:600;text-anchor:middle}
@media (max-width:560px){.chart .mark text{font-size:13px}}
ol.marks{margin:6px 0 0;padding-left:1.6em;font-size:.85rem;overflow-wrap:anywhere}
h3{font-size:1rem;margin:1.2em 0 .5em;overflow-wrap:anywhere}
h4{font-size:.9rem;margin:1em 0 .3em}
.chart .days rect{fill:var(--fg);fill-opacity:0}
.chart .days rect:hover{fill-opacity:.12}
details.values{margin-top:6px;font-size:.85rem}
details.values summary{cursor:pointer;color:var(--muted)}
details.values table{margin-top:4px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;min-width:100%}
th,td{padding:6px 10px;border-bottom:1px solid var(--border);text-align:left;white-space:nowrap}
th{font-weight:600;background:var(--card)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.wrap{white-space:normal;overflow-wrap:anywhere;min-width:12em}
footer{margin:2em 0 1em;font-size:.85rem}
@media (max-width:600px){table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.cards,table.cards tbody,table.cards tr{display:block;min-width:0}
table.cards tr{border-bottom:1px solid var(--border);padding:6px 0}
table.cards td{display:inline-block;border:0;padding:2px 8px 2px 0;white-space:normal;overflow-wrap:anywhere}
table.cards td:first-child{font-weight:600}
table.cards td[data-label]{display:flex;justify-content:space-between;gap:1em;padding:2px 0;min-width:0;text-align:right}
table.cards td[data-label]::before{content:attr(data-label);color:var(--muted);text-align:left}}
)css";

constexpr std::string_view k_content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

}  // namespace

std::string_view dashboard_css() {
  return k_css;
}

std::string_view dashboard_content_security_policy() {
  return k_content_security_policy;
}

}  // namespace odometer
