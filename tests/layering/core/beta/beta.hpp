#pragma once
#include "kiosk/app.hpp"
