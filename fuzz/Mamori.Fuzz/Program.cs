using Mamori.Fuzz;
using SharpFuzz;

// Under afl-fuzz (fuzz/run.sh) each input comes through SharpFuzz's fork server. With file arguments the inputs are
// replayed directly, which is how a crash that afl found is reproduced and turned into a regression test.
if (args.Length > 0)
{
    foreach (var path in args)
    {
        using var input = File.OpenRead(path);
        WorkbookTarget.Run(input);
        Console.WriteLine($"{path}: handled");
    }
    return;
}
Fuzzer.OutOfProcess.Run(WorkbookTarget.Run);
