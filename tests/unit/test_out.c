#include "check.h"
#include "mini.h"
int main(void){ CHECK(1); return check_done(); }
