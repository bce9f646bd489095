/*
 * processprng.c: the one function of bcryptprimitives.dll that Go >= 1.24 needs on
 * Windows (ProcessPrng, present from Windows 10 on) and that Wine 8 lacks. Built with
 * mingw-w64 into the test's Wine prefix only, so that the real Sésame.exe runs there:
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll processprng.c -ladvapi32
 *
 * It fills the buffer from RtlGenRandom (advapi32's SystemFunction036), the system's
 * cryptographic generator, in chunks that fit its ULONG length. Never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
