#include "pelcamp/cli/app.hpp"

int main(int argc, char** argv) { return pelcamp::cli::run(argc, argv); }
