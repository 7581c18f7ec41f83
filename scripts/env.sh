# Sourced by the build and test scripts: environment Debian's Emscripten 3.1.6
# needs. Its optimiser imports acorn, which Debian installs outside Node's
# default search path.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
