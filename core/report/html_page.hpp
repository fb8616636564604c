#pragma once
// The frame every loadtwin HTML page shares: one self-contained file -- inline CSS, Chart.js
// (Debian's libjs-chart.js, embedded at build time without the URLs of its licence
// comments) and the page's data as JSON in a script block -- so it opens with no network and
// names no URL a browser could fetch.
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace loadtwin::core {

// Text safe inside HTML elements and double-quoted attributes.
std::string html_escape(std::string_view text);
// <, >, & and " as entities, and ' too when `apostrophe` (XML attributes in single quotes).
std::string markup_escape(std::string_view text, bool apostrophe);

// `value` as JSON that can sit inside <script type="application/json">: "</" is written
// "<\/" so no string in it can end the block.
std::string json_for_script(boost::json::value const& value);

// <!DOCTYPE html> up to and including <body>: title, the shared CSS, Chart.js.
std::string html_page_open(std::string const& title);

// The data block the page's script reads: <script type="application/json" id="ID">.
std::string html_data_block(std::string const& id, boost::json::value const& data);

// An inline <script> with `code` (trusted: the project's own embedded assets).
std::string html_script(std::string_view code);

// </body></html> after a footer naming loadtwin's version and Chart.js's licence.
std::string html_page_close();

// The embedded Chart.js, as inlined (for tests and size checks).
std::string_view embedded_chart_js();

}  // namespace loadtwin::core
