// SPDX-License-Identifier: Apache-2.0
// HTML pages printed to PDF with the system's Chromium (headless print-to-PDF), for what delegates
// carry: printed agendas with their deal sheets. The browser is $URBANMINE_CHROMIUM or
// /usr/bin/chromium (Debian's `chromium` package, installed by scripts/install-deps.sh); nothing
// is downloaded. Each page is printed in a private temporary folder (its own browser profile),
// two at a time, and removed afterwards.
//
// Example: auto pdfs = io::print_html_to_pdf({{"K01.html", html}});  // -> {{"K01.pdf", bytes}}
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace urbanmine::io {

// The Chromium used for printing, or "" when none is installed.
std::string pdf_browser();

// (name.html, page) -> (name.pdf, PDF bytes), in the same order. Pages are self-contained (no
// network: the browser runs with it off). Errors: Io naming the page when the browser is missing,
// fails, runs over `timeout_seconds`, or writes something that is not a PDF.
core::Result<std::vector<std::pair<std::string, std::string>>> print_html_to_pdf(
    const std::vector<std::pair<std::string, std::string>>& pages, double timeout_seconds = 120.0);

}  // namespace urbanmine::io
