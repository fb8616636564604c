#pragma once
// `--model FILE` (SPEC "Calibration"): FILE is a bare model object (what calibrate writes)
// or a plan whose `model` is taken; it replaces the plan's model before --set applies.
#include <CLI/CLI.hpp>
#include <string>

#include "app/plan_source.hpp"

namespace loadtwin::app {

// `words` with "--model FILE" in front when `path` is set (replay lines).
std::vector<std::string> model_words(std::string const& path, std::vector<std::string> words);

// Adds --model to `command`, stored in `path`.
void add_model_flag(CLI::App* command, std::string& path);

// An edit that replaces the document's model with FILE's, then runs `then` (may be empty).
// An empty `path` returns `then` unchanged. Problems with FILE are reported by the edit as
// errors naming FILE (and FILE:LINE:COL for JSON syntax).
DocumentEdit model_edit(std::string const& path, DocumentEdit then = {});

}  // namespace loadtwin::app
