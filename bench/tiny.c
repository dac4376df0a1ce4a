/* bench/tiny.c - the smallest program to launch: static, no libc, x86-64
 * and aarch64 Linux; _start calls exit_group(0).  Built by `make bench`
 * with -nostdlib -static, so its own start-up costs next to nothing and
 * the benchmark measures the launch. */
#if defined(__x86_64__)
__asm__(".globl _start\n"
	"_start:\n"
	"	mov $231, %eax\n" /* exit_group */
	"	xor %edi, %edi\n"
	"	syscall\n");
#elif defined(__aarch64__)
__asm__(".globl _start\n"
	"_start:\n"
	"	mov x8, #94\n" /* exit_group */
	"	mov x0, #0\n"
	"	svc #0\n");
#else
#error "bench/tiny.c: add _start for this architecture"
#endif
