#include "collect/init_config.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "sources/pypi_parse.hpp"

namespace odometer {

namespace {

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_alnum(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c);
}

// 'x' for a printable ASCII character, "byte 0xNN" for anything else, so a
// message never carries a control character.
std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7f) {
    return std::string("'") + c + "'";
  }
  if (c == ' ') {
    return "a space";
  }
  char hex[8];
  (void)std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned int>(byte));
  return std::string("byte ") + hex;
}

// The first character of name that allowed rejects, described.
template <typename Allowed>
std::optional<std::string> first_bad_char(std::string_view name, Allowed allowed) {
  const auto bad = std::find_if_not(name.begin(), name.end(), allowed);
  if (bad == name.end()) {
    return std::nullopt;
  }
  return describe_char(*bad);
}

// npm leaves these unescaped in a URL (encodeURIComponent), which is what
// its name rules come down to for existing packages.
bool is_npm_char(char c) {
  return is_ascii_alnum(c) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
}

std::optional<std::string> npm_part_problem(std::string_view part, std::string_view what) {
  if (part.empty()) {
    return std::string(what) + " is empty";
  }
  if (auto bad = first_bad_char(part, is_npm_char)) {
    return std::string(what) + " has " + *bad +
           "; npm names have only letters, digits and - _ . ! ~ * ' ( )";
  }
  return std::nullopt;
}

void add_names(std::vector<std::string>& problems, std::string_view flag,
               const std::vector<std::string>& names,
               std::optional<std::string> (*problem_of)(std::string_view)) {
  for (const auto& name : names) {
    if (auto problem = problem_of(name)) {
      problems.push_back(std::string(flag) + " " + toml_quote(name) + ": " + *problem);
    }
  }
}

// Keeps the first of the names that are one package in canonical's form.
void remove_duplicates(std::vector<std::string>& names,
                       std::string (*canonical)(std::string_view) = nullptr) {
  std::set<std::string> seen;
  std::vector<std::string> kept;
  for (auto& name : names) {
    if (seen.insert(canonical ? canonical(name) : name).second) {
      kept.push_back(std::move(name));
    }
  }
  names = std::move(kept);
}

// ["a", "b"] on one line.
std::string toml_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i > 0 ? ", " : "") + toml_quote(names[i]);
  }
  return out + "]";
}

}  // namespace

std::string toml_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      (void)std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned int>(byte));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::optional<std::string> github_account_problem(std::string_view name) {
  if (name.empty()) {
    return "the name is empty";
  }
  if (name.size() > 100) {
    return "longer than 100 characters";
  }
  if (!is_ascii_alnum(name.front())) {
    return "must start with a letter or digit";
  }
  if (auto bad =
          first_bad_char(name, [](char c) { return is_ascii_alnum(c) || c == '-' || c == '_'; })) {
    return "has " + *bad + "; GitHub account names have only letters, digits, '-' and '_'";
  }
  return std::nullopt;
}

std::optional<std::string> npm_package_problem(std::string_view name) {
  if (name.empty()) {
    return "the name is empty";
  }
  if (name.size() > 214) {
    return "longer than 214 characters";
  }
  if (name == "node_modules" || name == "favicon.ico") {
    return "a name npm does not allow";
  }
  std::string_view package = name;
  if (name.front() == '@') {
    const auto slash = name.find('/');
    if (slash == std::string_view::npos) {
      return "a scoped name is written \"@scope/name\"";
    }
    if (auto problem = npm_part_problem(name.substr(1, slash - 1), "the scope")) {
      return problem;
    }
    package = name.substr(slash + 1);
  } else if (name.find('/') != std::string_view::npos) {
    return "has '/'; a scoped name is written \"@scope/name\"";
  }
  if (auto problem = npm_part_problem(package, "the package name")) {
    return problem;
  }
  if (package.front() == '.' || package.front() == '_') {
    return "must not start with '.' or '_'";
  }
  return std::nullopt;
}

std::optional<std::string> pypi_package_problem(std::string_view name) {
  if (name.empty()) {
    return "the name is empty";
  }
  if (auto bad = first_bad_char(
          name, [](char c) { return is_ascii_alnum(c) || c == '.' || c == '-' || c == '_'; })) {
    return "has " + *bad + "; PyPI names have only letters, digits, '.', '-' and '_'";
  }
  if (!is_ascii_alnum(name.front()) || !is_ascii_alnum(name.back())) {
    return "must start and end with a letter or digit";
  }
  return std::nullopt;
}

std::optional<std::string> crate_name_problem(std::string_view name) {
  if (name.empty()) {
    return "the name is empty";
  }
  if (name.size() > 64) {
    return "longer than 64 characters";
  }
  if (!is_ascii_letter(name.front())) {
    return "must start with a letter";
  }
  if (auto bad =
          first_bad_char(name, [](char c) { return is_ascii_alnum(c) || c == '-' || c == '_'; })) {
    return "has " + *bad + "; crate names have only letters, digits, '-' and '_'";
  }
  return std::nullopt;
}

std::vector<std::string> check_init_settings(const InitSettings& settings) {
  std::vector<std::string> problems;
  if (settings.github_org && settings.github_user) {
    problems.emplace_back(
        "--github-org and --github-user: give one (list more repositories in [github] repos)");
  }
  for (const auto& [flag, account] : {std::pair{"--github-org", &settings.github_org},
                                      {"--github-user", &settings.github_user}}) {
    if (*account) {
      if (auto problem = github_account_problem(**account)) {
        problems.push_back(std::string(flag) + " " + toml_quote(**account) + ": " + *problem);
      }
    }
  }
  add_names(problems, "--npm", settings.npm_packages, npm_package_problem);
  add_names(problems, "--pypi", settings.pypi_packages, pypi_package_problem);
  add_names(problems, "--crates", settings.crates, crate_name_problem);
  if (settings.ledger.empty()) {
    problems.emplace_back("--ledger: the path is empty");
  }
  return problems;
}

void remove_duplicate_names(InitSettings& settings) {
  remove_duplicates(settings.npm_packages);
  // "Foo_Bar" and "foo-bar" are one project: [pypi] refuses both.
  remove_duplicates(settings.pypi_packages, normalize_pypi_name);
  remove_duplicates(settings.crates);
}

std::string write_init_config(const InitSettings& settings) {
  std::string out;
  const auto line = [&out](std::string_view text) {
    out += text;
    out += '\n';
  };
  line("# odometer.toml: what odometer collects, where it keeps the counts and what it");
  line("# publishes. Every table and key is explained in docs/configuration.md.");
  line("");
  line("# The ledger: every count odometer has seen, in one JSON file that only ever grows.");
  line("# Commit it; `odometer git-setup` makes git merge it without losing a count.");
  line("[ledger]");
  line("path = " + toml_quote(settings.ledger) + "  # relative to this file");
  line("");

  line("# GitHub: every repository of an organisation or user (traffic, stars, forks,");
  line("# release downloads). Traffic needs a token with push access (docs/github-actions.md).");
  if (settings.github_org || settings.github_user) {
    line("[github]");
    if (settings.github_org) {
      line("org = " + toml_quote(*settings.github_org));
    } else {
      line("user = " + toml_quote(*settings.github_user));
    }
    line("# repos = [\"other-owner/some-repo\"]  # more repositories, as owner/name");
  } else {
    line("# [github]");
    line("# org = \"your-org\"        # or: user = \"your-name\"");
  }
  line("");

  line("# npm: downloads per package; scoped packages as \"@scope/name\".");
  if (!settings.npm_packages.empty()) {
    line("[npm]");
    line("packages = " + toml_list(settings.npm_packages));
  } else {
    line("# [npm]");
    line("# packages = [\"your-package\", \"@your-scope/your-package\"]");
  }
  line("");

  line("# PyPI: downloads per project (from pypistats.org).");
  if (!settings.pypi_packages.empty()) {
    line("[pypi]");
    line("packages = " + toml_list(settings.pypi_packages));
  } else {
    line("# [pypi]");
    line("# packages = [\"your-project\"]");
  }
  line("");

  line("# crates.io: all-time downloads per crate. crates.io asks every API client for a");
  line("# contact address in its User-Agent; set yours.");
  if (!settings.crates.empty()) {
    line("[crates]");
    line("crates = " + toml_list(settings.crates));
  } else {
    line("# [crates]");
    line("# crates = [\"your-crate\"]");
  }
  line("# contact = \"you@example.com\"");
  line("");

  line("# What `odometer render` writes: the summary, JSON, badges and the dashboard go to dir.");
  if (settings.seed_cache || settings.seed_public) {
    line("# seed_cache and seed_public keep the site's installs-cache.json (the cache of its");
    line("# installs counter) and installs.json up to date, so the site reads them as before.");
  }
  line("[outputs]");
  line("dir = \"odometer-out\"");
  if (settings.seed_cache) {
    line("seed_cache = " + toml_quote(*settings.seed_cache));
  }
  if (settings.seed_public) {
    line("seed_public = " + toml_quote(*settings.seed_public));
  }
  line("");

  line("# A counter: a named sum of series chosen by key patterns (docs/series-keys.md),");
  line("# shown with its label. It only grows, like the counts it adds up.");
  line("# [[counter]]");
  line("# name = \"installs\"");
  line("# label = \"installs\"");
  line("# sum = [\"npm:downloads:*\"]");
  line("");

  line("# Counts no API gives, entered by hand: \"source:metric:entity\" = value.");
  line("# [manual]");
  line("# \"ghcr:pulls:OWNER/IMAGE\" = 0");
  return out;
}

}  // namespace odometer
