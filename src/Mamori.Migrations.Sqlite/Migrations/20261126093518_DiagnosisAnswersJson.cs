using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DiagnosisAnswersJson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DiagnosisAnswers");

            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "Diagnoses",
                type: "TEXT",
                nullable: true);

            // Answers move into the diagnosis row as JSON (ADR 8). The table existed for a few hours of development
            // only; diagnoses that had rows start with no answers rather than being converted.
            migrationBuilder.Sql("UPDATE \"Diagnoses\" SET \"Answers\" = '[]' WHERE \"Answers\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Answers",
                table: "Diagnoses");

            migrationBuilder.CreateTable(
                name: "DiagnosisAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChangedByExpert = table.Column<bool>(type: "INTEGER", nullable: false),
                    DiagnosisId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpertNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosisAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosisAnswers_Diagnoses_DiagnosisId",
                        column: x => x.DiagnosisId,
                        principalTable: "Diagnoses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosisAnswers_DiagnosisId_ItemKey",
                table: "DiagnosisAnswers",
                columns: new[] { "DiagnosisId", "ItemKey" },
                unique: true);
        }
    }
}
