// Sets an environment variable for one scope and restores what was there before.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

class scoped_env {
public:
    scoped_env(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) before_ = old;
        setenv(name, value, 1);
    }
    ~scoped_env() {
        if (before_)
            setenv(name_, before_->c_str(), 1);
        else
            unsetenv(name_);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> before_;
};
