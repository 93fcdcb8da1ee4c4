/* Benchmark (README, "Benchmarks"), the peer: PROJ's C API, one proj_trans_generic call for the batch.
 * Usage: reproject_peer POINTS.bin RUNS; prints "seconds=<median> points=<n>". */
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: reproject_peer POINTS.bin RUNS\n"); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    fseek(file, 0, SEEK_END);
    size_t count = (size_t)ftell(file) / sizeof(double) / 2;
    rewind(file);
    double *input = malloc(2 * count * sizeof(double)), *x = malloc(count * sizeof(double)), *y = malloc(count * sizeof(double));
    if (fread(input, sizeof(double), 2 * count, file) != 2 * count) { fprintf(stderr, "short read\n"); return 1; }
    fclose(file);
    PJ_CONTEXT *context = proj_context_create();
    PJ *raw = proj_create_crs_to_crs(context, "EPSG:4326", "EPSG:3857", NULL);
    PJ *pj = proj_normalize_for_visualization(context, raw);
    int runs = atoi(argv[2]);
    double *times = malloc(runs * sizeof(double));
    for (int run = 0; run < runs; run++) {
        memcpy(x, input, count * sizeof(double));
        memcpy(y, input + count, count * sizeof(double));
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        proj_trans_generic(pj, PJ_FWD, x, sizeof(double), count, y, sizeof(double), count, NULL, 0, 0, NULL, 0, 0);
        clock_gettime(CLOCK_MONOTONIC, &end);
        times[run] = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    }
    qsort(times, runs, sizeof(double), compare);
    printf("seconds=%.9f points=%zu\n", times[runs / 2], count);
    proj_destroy(pj);
    proj_destroy(raw);
    proj_context_destroy(context);
    return 0;
}
